package dev.mirrorscope.cli;

import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/** Checks a command's --format value against the forms it supports. */
final class Output {
    private Output() {
    }

    /** True for a machine format among {@code machine}; false for "table"; a usage error otherwise. */
    static boolean machine(CommandSpec spec, String format, String... machine) {
        if ("table".equals(format)) {
            return false;
        }
        for (String m : machine) {
            if (m.equals(format)) {
                return true;
            }
        }
        throw new CommandLine.ParameterException(spec.commandLine(),
                "--format must be table or " + String.join(", ", machine) + ", not '" + format + "'");
    }
}
