package dev.pinkeeper.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import dev.pinkeeper.error.Remedy;
import dev.pinkeeper.error.Remedy.Operation;
import dev.pinkeeper.status.StatusWarning;
import dev.pinkeeper.status.StatusWarning.Kind;
import org.junit.jupiter.api.Test;

/** The remedies {@code status} gives each warning are data from the library, spelled by the command line. */
class StatusRemediesTest {
    @Test
    void eachWarningNeedingACommandNamesItAsData() {
        assertThat(new StatusWarning(Kind.BACKUP_ONLINE, "backup-1", "m").remedies("web"))
                .containsExactly(new Remedy.Run(Operation.KEYS_BACKUP_EXPORT, "web", "backup-1"));
        assertThat(new StatusWarning(Kind.NOT_DEPLOYED, null, "m").remedies("web"))
                .containsExactly(new Remedy.Run(Operation.DEPLOY, "web"), new Remedy.Run(Operation.RENEW, null));
        assertThat(new StatusWarning(Kind.NO_PLAN, null, "m").remedies("web"))
                .containsExactly(new Remedy.Run(Operation.PLAN_INIT, "web"));
        assertThat(new StatusWarning(Kind.CERTIFICATE, "current-1", "m").remedies("web"))
                .containsExactly(new Remedy.Run(Operation.RENEW, null), new Remedy.Run(Operation.ISSUE, "web"));
        assertThat(new StatusWarning(Kind.ROLLOVER_WAITING, "current-1", "m").remedies("web")).isEmpty();
    }

    @Test
    void theCommandLineSpellsThemAsBefore() {
        List<String> spelled = List.of(Kind.BACKUP_ONLINE, Kind.NOT_DEPLOYED, Kind.NO_PLAN, Kind.CERTIFICATE).stream()
                .flatMap(kind -> new StatusWarning(kind, "backup-1", "m").remedies("web").stream())
                .map(Remedies::commandLine).toList();
        assertThat(spelled).containsExactly(
                "pinkeeper keys backup export --site web --key backup-1 --out DIR --offline",
                "pinkeeper deploy --site web", "pinkeeper renew",
                "pinkeeper plan init --site web",
                "pinkeeper renew", "pinkeeper issue --site web");
    }
}
