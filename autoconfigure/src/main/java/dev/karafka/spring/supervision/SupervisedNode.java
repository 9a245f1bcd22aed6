package dev.karafka.spring.supervision;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.atomic.AtomicInteger;

import dev.karafka.spring.liveness.ConsumerThreadState;
import org.jspecify.annotations.Nullable;

/**
 * What the supervisor did to one listener container (a node, in Karafka's swarm terms):
 * its restarts, the threads that ignored their interrupt, its last action, and whether it
 * was given up. Written by the supervisor's thread, read by probes and metrics.
 *
 * @author karafka-spring
 */
final class SupervisedNode {

	private final String listenerId;

	private final Deque<Long> restartTimes = new ArrayDeque<>();

	private final AtomicInteger restarts = new AtomicInteger();

	private final Set<ConsumerThreadState> leakedThreads = new CopyOnWriteArraySet<>();

	private volatile @Nullable Map<String, Object> lastAction;

	private volatile @Nullable String givenUpReason;

	SupervisedNode(String listenerId) {
		this.listenerId = listenerId;
	}

	String getListenerId() {
		return this.listenerId;
	}

	int getRestarts() {
		return this.restarts.get();
	}

	synchronized int restartsWithin(long now, Duration window) {
		while (!this.restartTimes.isEmpty() && now - this.restartTimes.peekFirst() > window.toMillis()) {
			this.restartTimes.removeFirst();
		}
		return this.restartTimes.size();
	}

	synchronized void restarted(long now) {
		this.restartTimes.addLast(now);
		this.restarts.incrementAndGet();
	}

	void leaked(ConsumerThreadState thread) {
		this.leakedThreads.add(thread);
	}

	int getLeakedThreads() {
		this.leakedThreads.removeIf(ConsumerThreadState::isConsumerStopped);
		return this.leakedThreads.size();
	}

	List<String> getLeakedThreadNames() {
		return this.leakedThreads.stream()
			.filter((thread) -> !thread.isConsumerStopped())
			.map(ConsumerThreadState::getThreadName)
			.toList();
	}

	void acted(String action, String reason, List<String> threads, long at) {
		Map<String, Object> details = new LinkedHashMap<>();
		details.put("action", action);
		details.put("reason", reason);
		details.put("threads", threads);
		details.put("at", Instant.ofEpochMilli(at).toString());
		this.lastAction = details;
	}

	@Nullable Map<String, Object> getLastAction() {
		return this.lastAction;
	}

	void giveUp(String reason) {
		this.givenUpReason = reason;
	}

	@Nullable String getGivenUpReason() {
		return this.givenUpReason;
	}

}
