/** One class per API resource: health, users, lipsync, lipsync requests (get, list with auto-paging, wait, download). */
package dev.lipsync.sdk.services;
