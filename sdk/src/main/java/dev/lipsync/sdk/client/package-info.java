/** Entry point: {@link dev.lipsync.sdk.client.ChamelaionClient}, built from the environment or a builder. */
package dev.lipsync.sdk.client;
