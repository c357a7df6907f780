package dev.robust.cli.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * What a benchmark figure needs beside it to mean anything: the CPU, the number of cores, and how busy the machine
 * was (load average from {@code /proc/loadavg}; on a shared machine it moves the figures by several times).
 */
record BenchMachine(String cpu, int cores, String os, String java) {

    static BenchMachine describe() {
        return new BenchMachine(cpuModel(), Runtime.getRuntime().availableProcessors(),
                System.getProperty("os.name") + " " + System.getProperty("os.version"),
                System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
    }

    /** The 1-, 5- and 15-minute load averages, e.g. {@code 0.52 / 1.10 / 2.03}, or "unknown" off Linux. */
    static String loadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return String.format(Locale.ROOT, "%s / %s / %s", fields[0], fields[1], fields[2]);
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    private static String cpuModel() {
        try {
            List<String> lines = Files.readAllLines(Path.of("/proc/cpuinfo"));
            return lines.stream().filter(line -> line.startsWith("model name")).findFirst()
                    .map(line -> line.substring(line.indexOf(':') + 1).trim())
                    .orElse(System.getProperty("os.arch"));
        } catch (IOException | RuntimeException e) {
            return System.getProperty("os.arch");
        }
    }

    @Override
    public String toString() {
        return cpu + ", " + cores + " cores, " + os + ", " + java;
    }
}
