/** Client configuration ({@link dev.lipsync.sdk.core.ClientOptions}), per-call options and the JSON mapper. */
package dev.lipsync.sdk.core;
