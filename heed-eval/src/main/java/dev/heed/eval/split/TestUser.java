package dev.heed.eval.split;

import dev.heed.core.recommend.UserProfile;

/** A user to evaluate: what the model may know of them, and the items held out (ascending). */
public record TestUser(int user, UserProfile profile, int[] heldOut) {}
