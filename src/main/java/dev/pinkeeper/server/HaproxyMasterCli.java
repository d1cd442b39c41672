package dev.pinkeeper.server;

import java.io.IOException;
import java.net.ConnectException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Sends one command to HAProxy's master CLI socket ({@code haproxy -W -S SOCKET}) and returns its answer. */
final class HaproxyMasterCli {
    private HaproxyMasterCli() {
    }

    static String send(Path socket, String command, Duration timeout) throws ServerException {
        try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            channel.connect(UnixDomainSocketAddress.of(socket));
            channel.write(ByteBuffer.wrap((command + "\n").getBytes(StandardCharsets.US_ASCII)));
            CompletableFuture<String> answer = CompletableFuture.supplyAsync(() -> readToEnd(channel));
            try {
                return answer.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                throw new ServerException("HAProxy master CLI " + socket + " did not answer '" + command
                        + "' within " + timeout);
            } catch (ExecutionException e) {
                throw new ServerException("HAProxy master CLI " + socket + ": " + e.getCause().getMessage(), e);
            }
        } catch (IOException e) {
            throw new ServerException("cannot reach HAProxy's master CLI " + socket + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ServerException("interrupted while talking to HAProxy", e);
        }
    }

    /**
     * Whether a master listens on {@code socket}: false when the socket file is missing or refuses the
     * connection (HAProxy stopped); true for any other answer, which the command itself then reports.
     */
    static boolean listening(Path socket) {
        if (!Files.exists(socket)) {
            return false;
        }
        try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            channel.connect(UnixDomainSocketAddress.of(socket));
            return true;
        } catch (ConnectException refused) {
            return false;
        } catch (IOException other) {
            return true;
        }
    }

    /** The master's PID, from {@code show proc}. */
    static long masterPid(Path socket) throws ServerException {
        // the master keeps the connection open after a command unless told to quit
        String answer = send(socket, "show proc; quit", Duration.ofSeconds(10));
        for (String line : answer.split("\n")) {
            String[] fields = line.strip().split("\\s+");
            if (fields.length > 1 && fields[1].equals("master")) {
                try {
                    return Long.parseLong(fields[0]);
                } catch (NumberFormatException e) {
                    break;
                }
            }
        }
        throw new ServerException("HAProxy master CLI " + socket + " does not name the master in 'show proc': " + answer.strip());
    }

    private static String readToEnd(SocketChannel channel) {
        StringBuilder text = new StringBuilder();
        ByteBuffer buffer = ByteBuffer.allocate(4096);
        try {
            while (channel.read(buffer) >= 0) {
                buffer.flip();
                text.append(StandardCharsets.UTF_8.decode(buffer));
                buffer.clear();
            }
        } catch (IOException closed) {
            // the master re-executes itself on reload and drops the connection
        }
        return text.toString();
    }
}
