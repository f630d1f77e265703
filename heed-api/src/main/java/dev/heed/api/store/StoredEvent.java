package dev.heed.api.store;

import dev.heed.api.Event;

/** An event with its position in the log (increasing in append order, usable as a cursor). */
public record StoredEvent(long seq, Event event) {}
