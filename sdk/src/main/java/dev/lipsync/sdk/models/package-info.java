/** Immutable request parameters and API answers, with builders; statuses as open value sets. */
package dev.lipsync.sdk.models;
