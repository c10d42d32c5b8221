/** The {@code rnn4j} command line. Exports nothing: it is a program, not a library. */
@SuppressWarnings("requires-automatic") // XChart has only an Automatic-Module-Name
module dev.rnn4j.cli {
    requires dev.rnn4j.model;
    requires dev.rnn4j.keras;
    requires jdk.incubator.vector;
    requires info.picocli;
    requires me.tongfei.progressbar;
    requires org.knowm.xchart;
    requires java.desktop;

    opens dev.rnn4j.cli to info.picocli;
}
