package dev.heed.eval.split;

import dev.heed.core.recommend.Interactions;
import java.util.List;

/**
 * Training data and the users to evaluate. The candidates for a test user are all items of the data
 * set minus the items in that user's profile.
 */
public record Split(String protocol, Interactions train, List<TestUser> test) {}
