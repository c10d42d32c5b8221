/** Keras import and export. */
package dev.rnn4j.keras;
