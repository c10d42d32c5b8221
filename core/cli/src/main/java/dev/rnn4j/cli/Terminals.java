package dev.rnn4j.cli;

import org.jline.terminal.spi.SystemStream;
import org.jline.terminal.spi.TerminalProvider;

/** Whether the process's standard error is a terminal, asked of jline (the progress bar's terminal library). */
final class Terminals {

    private Terminals() {
    }

    /** True when stderr is a terminal; false when it is a file or a pipe, or when jline cannot tell. */
    static boolean stderrIsTerminal() {
        try {
            return TerminalProvider.load("exec").isSystemStream(SystemStream.Error);
        } catch (java.io.IOException | RuntimeException | LinkageError e) {
            return false;
        }
    }
}
