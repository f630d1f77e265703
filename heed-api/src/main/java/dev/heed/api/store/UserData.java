package dev.heed.api.store;

import dev.heed.api.Event;
import dev.heed.api.User;
import java.util.List;

/** One user's data, as exported for a data-subject request. {@code user} is null if unknown. */
public record UserData(User user, List<Event> events) {}
