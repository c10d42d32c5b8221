/**
 * The pure-Java CPU backend's public face: its {@link dev.rnn4j.cpu.CpuBackendProvider} (found by
 * {@link dev.rnn4j.backend.Backends}) and {@link dev.rnn4j.cpu.CpuOptions}. The kernels live in a package this
 * module does not export.
 *
 * <p>Stability: the API a host framework programs against; changes in 0.x are listed in the release notes.
 */
package dev.rnn4j.cpu;
