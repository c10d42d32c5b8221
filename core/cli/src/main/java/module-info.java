/** The {@code rnn4j} command line. Exports nothing: it is a program, not a library. */
@SuppressWarnings("requires-automatic") // XChart and jline-terminal have only an Automatic-Module-Name
module dev.rnn4j.cli {
    requires dev.rnn4j.model;
    requires dev.rnn4j.keras;
    requires jdk.incubator.vector;
    requires info.picocli;
    requires me.tongfei.progressbar;
    requires org.jline.terminal; // the progress bar's terminal library: is stderr a terminal? and signal handlers
    requires jdk.unsupported; // sun.misc.Signal, which jline's Signals reaches by reflection: SIGINT/SIGTERM stop training after a step
    requires org.knowm.xchart;
    requires java.desktop;

    opens dev.rnn4j.cli to info.picocli;
}
