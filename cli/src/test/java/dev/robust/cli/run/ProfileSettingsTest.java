package dev.robust.cli.run;

import dev.robust.cli.RobustCommand;
import dev.robust.common.profile.RunProfile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code --set key=value}: the profile the CLI plans with and the overrides its run request carries. */
class ProfileSettingsTest {
    @TempDir
    Path dir;

    @Test
    void setChangesTheProfileAndTravelsAsOverrides() {
        RunCommand run = new RunCommand();
        new CommandLine(run).parseArgs("--profile", "quick", "--set", "engine.precision=fp32",
                "--set", "teacher.epochs=2");

        assertEquals("fp32", run.options.runProfile().asMap().get("engine.precision"));
        assertEquals(2, run.options.runProfile().teacher().epochs());
        assertEquals(Map.of("engine.precision", "fp32", "teacher.epochs", "2"), run.options.overrides());
    }

    @Test
    void withoutSetTheProfileIsUnchanged() {
        RunCommand run = new RunCommand();
        new CommandLine(run).parseArgs("--profile", "quick");

        assertEquals(Map.of(), run.options.overrides());
        assertEquals(RunProfile.named("quick").asMap(), run.options.runProfile().asMap());
    }

    @Test
    void anUnknownSettingIsRefusedByNameBeforeAnythingStarts() throws Exception {
        Path out = dir.resolve("out");
        StringWriter err = new StringWriter();
        CommandLine cli = RobustCommand.newCommandLine();
        cli.setErr(new PrintWriter(err, true));

        int exit = cli.execute("run", "--profile", "ci", "--dataset", "synthetic", "--set", "engine.precison=bf16",
                "--out", out.toString());

        assertNotEquals(0, exit);
        assertTrue(err.toString().contains("engine.precison"), err.toString());
        assertFalse(Files.exists(out.resolve("logs")), "no stack was started");
    }
}
