package dev.heed.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class WrkLoadTest {
  @Test
  void calibrationCorrectsThePauseForTheResponseTimeAtThatPace() throws Exception {
    // 32 connections whose responses take 1.5 ms plus 0.1 ms per request/s above 4,000 / 1,000:
    // the response time grows with the pace, as on a busy server
    int connections = 32;
    WrkLoad.Probe server =
        pause -> {
          double rate = 0;
          for (int i = 0; i < 50; i++) { // the fixed point of rate = C / (pause + latency(rate))
            double latency = 1.5 + Math.max(0, rate - 4_000) / 10_000;
            rate = 1000.0 * connections / (pause + latency);
          }
          return rate;
        };
    double pause = WrkLoad.calibratePause(connections, 5_000, server);
    assertThat(server.requestsPerSecond(pause)).isCloseTo(5_000, within(50.0));
    // the first guess (pause = the whole cycle) would have been a fifth too slow
    assertThat(server.requestsPerSecond(1000.0 * connections / 5_000)).isLessThan(4_200);
  }

  @Test
  void readsWrkLatencies() {
    assertThat(WrkLoad.millis("812.00us")).isCloseTo(0.812, within(1e-9));
    assertThat(WrkLoad.millis("2.69ms")).isCloseTo(2.69, within(1e-9));
    assertThat(WrkLoad.millis("1.20s")).isCloseTo(1200, within(1e-9));
  }
}
