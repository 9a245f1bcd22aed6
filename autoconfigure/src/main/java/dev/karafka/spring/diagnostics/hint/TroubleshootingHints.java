package dev.karafka.spring.diagnostics.hint;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
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
 * cause), the authorization causes when a listener container passes authorization again
 * ({@link #clearAuthorization()}), the authorization causes and a missing topic when the
 * clients have not reported them for the given silence; a replication factor hint stays
 * until the application restarts (topics are created once, at start-up).
 *
 * @author karafka-spring
 * @since 0.1.0
 */
public class TroubleshootingHints implements DiagnosticHints, ReadinessHints {

	private static final Log logger = LogFactory.getLog(TroubleshootingHints.class);

	private static final Set<String> SILENCE_ENDED_CAUSES = Set.of("unknown-topic", "topic-authorization",
			"group-authorization");

	private static final String UNREACHABLE = "unreachable";

	private final Map<String, ActiveHint> active = new ConcurrentHashMap<>();

	private final ClientErrorHints errors;

	private final Duration silence;

	private final Clock clock;

	/**
	 * Create a new instance.
	 * @param errors the hints of client errors
	 * @param silence how long the hint of a missing or denied topic or of a denied group
	 * stays after the clients last reported its cause
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
		ActiveHint previous = this.active.put(hint.key(), new ActiveHint(hint, this.clock.instant()));
		if (previous == null) {
			logger.warn("Kafka hint [" + hint.key() + "]: " + hint.text());
		}
		if (isConnectionHint(hint) && !UNREACHABLE.equals(hint.cause())) {
			this.active.remove(UNREACHABLE);
		}
	}

	/**
	 * End the hints of the principal's ACLs.
	 */
	public void clearAuthorization() {
		clear(Hint.AUTHORIZATION_CAUSES);
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
		Instant silentSince = this.clock.instant().minus(this.silence);
		this.active.values()
			.removeIf((hint) -> SILENCE_ENDED_CAUSES.contains(hint.hint().cause())
					&& hint.lastReported().isBefore(silentSince));
		return this.active.values()
			.stream()
			.map(ActiveHint::hint)
			.collect(Collectors.toMap(Hint::key, Hint::text, (first, second) -> first, TreeMap::new));
	}

	private void clear(Set<String> causes) {
		this.active.values().removeIf((hint) -> {
			boolean ended = causes.contains(hint.hint().cause());
			if (ended) {
				logger.info("Kafka hint [" + hint.hint().key() + "] no longer applies");
			}
			return ended;
		});
	}

	private static boolean isConnectionHint(Hint hint) {
		return Hint.CONNECTION_CAUSES.contains(hint.cause());
	}

	private record ActiveHint(Hint hint, Instant lastReported) {

	}

}
