package dev.rnn4j.cli;

import org.jline.terminal.impl.exec.ExecTerminalProvider;
import org.jline.terminal.spi.SystemStream;

/** Whether the process's standard error is a terminal, asked of jline (the progress bar's terminal library). */
final class Terminals {

    private Terminals() {
    }

    /**
     * True when stderr is a terminal; false when it is a file or a pipe, or when jline cannot tell. Asks the
     * POSIX question only ({@code test -t 2}): jline's general check goes on to a Windows test that loads its
     * native library, which the JVM would warn about.
     */
    static boolean stderrIsTerminal() {
        try {
            return new ExecTerminalProvider().isPosixSystemStream(SystemStream.Error);
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }
}
