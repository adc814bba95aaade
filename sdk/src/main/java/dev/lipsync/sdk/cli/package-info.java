/** The {@code chamelaion} command line (picocli): subcommands, progress display, exit codes. */
package dev.lipsync.sdk.cli;
