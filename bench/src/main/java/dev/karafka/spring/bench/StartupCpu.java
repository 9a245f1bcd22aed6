package dev.karafka.spring.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * CPU time a child JVM has used so far, read from Linux's {@code /proc} in clock ticks of
 * 10 ms ({@code USER_HZ} 100): its main thread (the thread that runs
 * {@code SpringApplication.run}, named {@code java} by the launcher), its JIT compiler
 * threads, and the whole process. On a machine with fewer cores than busy threads, the
 * whole process's CPU time is what delays a start-up; with cores to spare, the main
 * thread's.
 *
 * @param mainMillis CPU milliseconds of the main thread
 * @param compilerMillis CPU milliseconds of the C1 and C2 compiler threads
 * @param totalMillis CPU milliseconds of the whole process
 * @author karafka-spring
 */
record StartupCpu(double mainMillis, double compilerMillis, double totalMillis) {

	/** Where {@code /proc} cannot be read. */
	static final StartupCpu UNKNOWN = new StartupCpu(Double.NaN, Double.NaN, Double.NaN);

	private static final double MILLIS_PER_TICK = 10;

	static StartupCpu of(long pid) {
		Path process = Path.of("/proc", Long.toString(pid));
		try (Stream<Path> threads = Files.list(process.resolve("task"))) {
			double main = 0;
			double compilers = 0;
			for (Path thread : threads.toList()) {
				String name = read(thread.resolve("comm"));
				double millis = millis(read(thread.resolve("stat")));
				if (name.equals("java")) {
					main += millis;
				}
				else if (name.contains("CompilerThre")) {
					compilers += millis;
				}
			}
			return new StartupCpu(main, compilers, millis(read(process.resolve("stat"))));
		}
		catch (IOException ex) {
			return UNKNOWN;
		}
	}

	private static String read(Path path) {
		try {
			return Files.readString(path).trim();
		}
		catch (IOException ex) {
			return "";
		}
	}

	/**
	 * The user and system time of a {@code stat} line: fields 14 and 15, counted after
	 * the command name in parentheses, which may hold spaces.
	 */
	private static double millis(String stat) {
		if (stat.isEmpty()) {
			return 0;
		}
		List<String> fields = List.of(stat.substring(stat.lastIndexOf(')') + 2).split(" "));
		return (Long.parseLong(fields.get(11)) + Long.parseLong(fields.get(12))) * MILLIS_PER_TICK;
	}

}
