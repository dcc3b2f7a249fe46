package dev.starling.loadgen.report;

import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Where a run happened: the conditions every reported figure needs next to it. */
public record MachineInfo(String hostname, String os, String arch, int cpus, String cpuModel, Long memoryBytes,
        String javaVersion, String javaVm, List<String> jvmArgs, long maxHeapBytes, List<String> gc) {

    public static MachineInfo current() {
        return new MachineInfo(readHostname(), System.getProperty("os.name") + " " + System.getProperty("os.version"),
                System.getProperty("os.arch"), Runtime.getRuntime().availableProcessors(), readCpuModel(), readMemory(),
                System.getProperty("java.version"), System.getProperty("java.vm.name"),
                ManagementFactory.getRuntimeMXBean().getInputArguments(), Runtime.getRuntime().maxMemory(),
                ManagementFactory.getGarbageCollectorMXBeans().stream().map(GarbageCollectorMXBean::getName)
                        .toList());
    }

    private static String readHostname() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static String readCpuModel() {
        return procLine("/proc/cpuinfo", "model name");
    }

    private static Long readMemory() {
        String total = procLine("/proc/meminfo", "MemTotal");
        if (total == null) {
            return null;
        }
        return Long.parseLong(total.replaceAll("\\D", "")) * 1024;
    }

    private static String procLine(String file, String key) {
        try {
            return Files.readAllLines(Path.of(file)).stream().filter(l -> l.startsWith(key))
                    .map(l -> l.substring(l.indexOf(':') + 1).trim()).findFirst().orElse(null);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
