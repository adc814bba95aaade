/** The wire: sending with credentials, retries and idle timeouts; streamed multipart bodies; downloads. */
package dev.lipsync.sdk.core.http;
