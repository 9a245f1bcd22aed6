package dev.karafka.spring.bench;

/**
 * One run's figures.
 *
 * @param recordsPerSecond records processed per second
 * @param bytesPerRecord bytes allocated on the consumer thread per record
 * @param startupMillis milliseconds from the JVM's start to the first health answer
 * @param startupCpu CPU time the JVM had used at its first health answer
 * @author karafka-spring
 */
record Measurement(double recordsPerSecond, double bytesPerRecord, double startupMillis, StartupCpu startupCpu) {

	private static final String PREFIX = "RESULT ";

	Measurement(double recordsPerSecond, double bytesPerRecord, double startupMillis) {
		this(recordsPerSecond, bytesPerRecord, startupMillis, StartupCpu.UNKNOWN);
	}

	String line() {
		return PREFIX + this.recordsPerSecond + " " + this.bytesPerRecord + " " + this.startupMillis;
	}

	static boolean isLine(String line) {
		return line.startsWith(PREFIX);
	}

	static Measurement parse(String line) {
		String[] fields = line.substring(PREFIX.length()).trim().split(" ");
		return new Measurement(Double.parseDouble(fields[0]), Double.parseDouble(fields[1]),
				Double.parseDouble(fields[2]));
	}

}
