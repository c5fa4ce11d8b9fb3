package dev.quiver.store.s3;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;

/**
 * How often and how long {@link S3Store} retries: at most {@code maxAttempts} attempts per operation, waits of
 * exponential backoff with full jitter (a uniform random wait in {@code [0, min(maxDelay, baseDelay * 2^n))} before
 * retry {@code n + 1}, as in the AWS Architecture Blog's "Exponential Backoff And Jitter"), and no new attempt once
 * {@code totalBudget} has passed since the first.
 *
 * @param maxAttempts attempts in all, at least 1
 * @param baseDelay the first backoff bound
 * @param maxDelay the largest backoff bound
 * @param totalBudget the time after which no attempt starts
 */
public record RetryPolicy(int maxAttempts, Duration baseDelay, Duration maxDelay, Duration totalBudget) {

  /** @throws IllegalArgumentException when {@code maxAttempts < 1} */
  public RetryPolicy {
    Objects.requireNonNull(baseDelay, "baseDelay");
    Objects.requireNonNull(maxDelay, "maxDelay");
    Objects.requireNonNull(totalBudget, "totalBudget");
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be >= 1, got " + maxAttempts);
    }
  }

  /** 6 attempts, 100 ms base, 5 s cap, 2 minutes in all. */
  public static RetryPolicy defaults() {
    return new RetryPolicy(6, Duration.ofMillis(100), Duration.ofSeconds(5), Duration.ofMinutes(2));
  }

  /** The wait before attempt {@code attempt + 1} (attempts count from 1), in nanoseconds. */
  public long backoffNanos(int attempt) {
    long bound = baseDelay.toNanos() << Math.min(30, attempt - 1);
    bound = Math.max(1, Math.min(maxDelay.toNanos(), bound));
    return ThreadLocalRandom.current().nextLong(bound);
  }
}
