/** A host framework embedding rnn4j: it names only the API; the backends arrive as service providers. */
module dev.rnn4j.embedder {
    requires dev.rnn4j.api;
}
