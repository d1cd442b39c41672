package dev.pinkeeper.cli;

import java.util.concurrent.Callable;

import picocli.CommandLine.Command;

/** {@code pinkeeper header}: parse a Public-Key-Pins header as a browser did, or build a safe one. */
@Command(name = "header", mixinStandardHelpOptions = true,
        description = "Parse a Public-Key-Pins header as a user agent did, or build one that is safe to deploy.",
        subcommands = {HeaderParseCommand.class, HeaderBuildCommand.class, HeaderHaproxyCommand.class})
final class HeaderCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        throw new UsageException("header: name a subcommand, parse, build or haproxy (see 'pinkeeper header --help')");
    }
}
