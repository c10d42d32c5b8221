/**
 * Keras models in and out: {@code .keras} archives and legacy {@code .h5} files imported as rnn4j models
 * (weights, masks and outputs as Keras computes them) and rnn4j models exported as files Keras loads. HDF5 is
 * read and written with jHDF, which only this module depends on.
 */
@SuppressWarnings("requires-automatic") // jHDF has only an Automatic-Module-Name
module dev.rnn4j.keras {
    requires transitive dev.rnn4j.model;
    requires io.jhdf;
    // jHDF is an automatic module and cannot require its named-module dependencies; on the module path they are
    // resolved only when some module requires them (its automatic dependency lz4-java comes along with it)
    requires org.slf4j;
    requires org.apache.commons.lang3;
    requires com.ning.compress.lzf;
    requires com.fasterxml.jackson.databind;

    exports dev.rnn4j.keras;
}
