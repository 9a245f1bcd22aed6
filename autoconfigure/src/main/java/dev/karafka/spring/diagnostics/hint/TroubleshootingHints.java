package dev.karafka.spring.diagnostics.hint;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import dev.karafka.spring.diagnostics.DiagnosticHints;
import dev.karafka.spring.readiness.ReadinessHints;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.apache.kafka.common.errors.TimeoutException;
import org.jspecify.annotations.Nullable;

/**
 * The active {@link Hint hints} of an application: one WARN line when a cause starts (not
 * on each retry of the clients), the {@code hints} of the {@code karafka} endpoint and
 * the {@code hint} detail of readiness. A hint ends when the cause is gone, as far as
 * that is detectable: the connection causes when the readiness check describes the
 * cluster again ({@code unreachable} also when a broker answers with another connection
 * cause), the authorization causes of a listener container's group and topics when it
 * passes authorization again ({@link #clearAuthorization(String, Collection)}), the
 * authorization causes when the clients have not reported them for the given silence, a
 * missing topic when they have not reported it for 30 seconds (a client retries a missing
 * topic at least once a second, Kafka's {@code retry.backoff.max.ms}); a replication
 * factor hint stays until the application restarts (topics are created once, at
 * start-up). A missing topic becomes a hint only once the clients have reported it for 10
 * seconds: brokers that create topics ({@code auto.create.topics.enable}) answer
 * {@code UNKNOWN_TOPIC_OR_PARTITION} to the first requests for a new topic, then create
 * it.
 *
 * @author karafka-spring
 * @since 0.1.0
 */
public class TroubleshootingHints implements DiagnosticHints, ReadinessHints {

	private static final Log logger = LogFactory.getLog(TroubleshootingHints.class);

	private static final String MISSING_TOPIC = "unknown-topic";

	private static final Duration MISSING_TOPIC_CONFIRMATION = Duration.ofSeconds(10);

	private static final Duration MISSING_TOPIC_SILENCE = Duration.ofSeconds(30);

	private static final String UNREACHABLE = "unreachable";

	private final Map<String, ActiveHint> active = new ConcurrentHashMap<>();

	private final Map<String, Reports> missingTopicReports = new ConcurrentHashMap<>();

	private final ClientErrorHints errors;

	private final Duration silence;

	private final Clock clock;

	/**
	 * Create a new instance.
	 * @param errors the hints of client errors
	 * @param silence how long the hint of a denied topic or group stays after the clients
	 * last reported its cause
	 * @param clock the clock of the silences
	 */
	public TroubleshootingHints(ClientErrorHints errors, Duration silence, Clock clock) {
		this.errors = errors;
		this.silence = silence;
		this.clock = clock;
	}

	/**
	 * Report a Kafka client error: the hints of its known causes become active.
	 * @param failure the error
	 */
	public void report(Throwable failure) {
		this.errors.of(failure).forEach(this::report);
	}

	/**
	 * Report a detected cause: logs one WARN line when the hint was not active yet.
	 * @param hint the hint
	 */
	public void report(Hint hint) {
		Instant now = this.clock.instant();
		if (MISSING_TOPIC.equals(hint.cause()) && !isConfirmedMissingTopic(hint, now)) {
			return;
		}
		ActiveHint previous = this.active.put(hint.key(), new ActiveHint(hint, now));
		if (previous == null) {
			logger.warn("Kafka hint [" + hint.key() + "]: " + hint.text());
		}
		if (isConnectionHint(hint) && !UNREACHABLE.equals(hint.cause())) {
			this.active.remove(UNREACHABLE);
		}
	}

	/**
	 * End the hints of the principal's ACLs on the consumer group and topics of a
	 * listener container that passed authorization again; the hints of other groups and
	 * topics stay.
	 * @param group the container's consumer group as the brokers see it, or {@code null}
	 * @param topics the container's topics as the brokers see them
	 */
	public void clearAuthorization(@Nullable String group, Collection<String> topics) {
		Set<String> keys = new HashSet<>();
		if (group != null) {
			keys.add(this.errors.groupAuthorization(group).key());
		}
		topics.forEach((topic) -> keys.add(this.errors.topicAuthorization(topic).key()));
		end((hint) -> keys.contains(hint.key()));
	}

	@Override
	public void clusterChecked(@Nullable Throwable failure) {
		if (failure == null) {
			clear(Hint.CONNECTION_CAUSES);
		}
		else if (failure instanceof TimeoutException) {
			if (this.active.values().stream().noneMatch((hint) -> isConnectionHint(hint.hint()))) {
				report(this.errors.unreachable(null));
			}
		}
		else {
			report(failure);
		}
	}

	@Override
	public @Nullable String hint() {
		Map<String, String> hints = activeHints();
		return hints.isEmpty() ? null : String.join(" ", hints.values());
	}

	/**
	 * Return the active hints, sorted by key.
	 * @return the text of each hint by {@link Hint#key() key}
	 */
	@Override
	public Map<String, String> activeHints() {
		Instant now = this.clock.instant();
		this.active.values().removeIf((hint) -> isSilent(hint, now));
		this.missingTopicReports.values()
			.removeIf((reports) -> reports.last().isBefore(now.minus(MISSING_TOPIC_SILENCE)));
		return this.active.values()
			.stream()
			.map(ActiveHint::hint)
			.collect(Collectors.toMap(Hint::key, Hint::text, (first, second) -> first, TreeMap::new));
	}

	private boolean isConfirmedMissingTopic(Hint hint, Instant now) {
		Reports reports = this.missingTopicReports.compute(hint.key(),
				(key, previous) -> (previous != null && !previous.last().isBefore(now.minus(MISSING_TOPIC_SILENCE)))
						? new Reports(previous.first(), now) : new Reports(now, now));
		return !reports.first().isAfter(now.minus(MISSING_TOPIC_CONFIRMATION));
	}

	private void clear(Set<String> causes) {
		end((hint) -> causes.contains(hint.cause()));
	}

	private void end(Predicate<Hint> ended) {
		this.active.values().removeIf((active) -> {
			Hint hint = active.hint();
			if (!ended.test(hint)) {
				return false;
			}
			logger.info("Kafka hint [" + hint.key() + "] no longer applies");
			return true;
		});
	}

	private boolean isSilent(ActiveHint hint, Instant now) {
		String cause = hint.hint().cause();
		if (MISSING_TOPIC.equals(cause)) {
			return hint.lastReported().isBefore(now.minus(MISSING_TOPIC_SILENCE));
		}
		return Hint.AUTHORIZATION_CAUSES.contains(cause) && hint.lastReported().isBefore(now.minus(this.silence));
	}

	private static boolean isConnectionHint(Hint hint) {
		return Hint.CONNECTION_CAUSES.contains(hint.cause());
	}

	private record ActiveHint(Hint hint, Instant lastReported) {

	}

	private record Reports(Instant first, Instant last) {

	}

}
