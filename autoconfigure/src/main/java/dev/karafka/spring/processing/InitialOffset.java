package dev.karafka.spring.processing;

import java.util.Locale;

/**
 * Where a consumer group without committed offsets starts, as Karafka's
 * {@code initial_offset}.
 *
 * @author karafka-spring
 * @since 0.1.0
 */
public enum InitialOffset {

	/**
	 * From the oldest record still in the topic.
	 */
	EARLIEST,

	/**
	 * From the next record produced.
	 */
	LATEST;

	/**
	 * Return the value of the consumer's {@code auto.offset.reset} setting.
	 * @return the setting value
	 */
	public String autoOffsetReset() {
		return name().toLowerCase(Locale.ROOT);
	}

}
