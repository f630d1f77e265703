package dev.heed.core.experiment;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The Bayesian reading of treatment against control.
 *
 * @param chanceToWin posterior probability that the treatment's true value exceeds the control's
 * @param expectedLoss posterior expectation of {@code max(control - treatment, 0)}: what choosing
 *     the treatment costs on average, in the metric's own unit
 */
public record BayesianComparison(
    @JsonProperty("chance_to_win") double chanceToWin,
    @JsonProperty("expected_loss") double expectedLoss) {}
