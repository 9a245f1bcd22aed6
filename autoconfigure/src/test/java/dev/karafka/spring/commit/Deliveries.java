package dev.karafka.spring.commit;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the members of a consumer group processed of a stream, in the order each member
 * processed it: counts the records lost (sent, processed by none) and duplicated
 * (processed more than once), and where partitions changed hands.
 *
 * @param sent the records sent per partition (offsets 0 to count - 1)
 * @param members the records each member processed, as {@code partition:offset}
 * @author karafka-spring
 */
record Deliveries(Map<Integer, Integer> sent, List<List<String>> members) {

	static String key(int partition, long offset) {
		return partition + ":" + offset;
	}

	int lost() {
		Set<String> processed = new HashSet<>();
		this.members.forEach(processed::addAll);
		int lost = 0;
		for (Map.Entry<Integer, Integer> partition : this.sent.entrySet()) {
			for (long offset = 0; offset < partition.getValue(); offset++) {
				if (!processed.contains(key(partition.getKey(), offset))) {
					lost++;
				}
			}
		}
		return lost;
	}

	int duplicates() {
		Set<String> processed = new HashSet<>();
		int duplicates = 0;
		for (List<String> member : this.members) {
			for (String record : member) {
				if (!processed.add(record)) {
					duplicates++;
				}
			}
		}
		return duplicates;
	}

	/**
	 * Return, for each partition that the second member took over from the first, the
	 * first member's last processed offset and the second member's first.
	 * @return {@code [last of the first, first of the second]} per partition taken over
	 */
	Map<Integer, long[]> handOvers() {
		Map<Integer, Long> lastOfFirst = new HashMap<>();
		for (String record : this.members.get(0)) {
			lastOfFirst.merge(partition(record), offset(record), Math::max);
		}
		Map<Integer, long[]> handOvers = new HashMap<>();
		for (String record : this.members.get(1)) {
			Long last = lastOfFirst.get(partition(record));
			if (last != null) {
				handOvers.putIfAbsent(partition(record), new long[] { last, offset(record) });
			}
		}
		return handOvers;
	}

	static List<String> snapshot(Collection<String> records) {
		return new ArrayList<>(records);
	}

	private static int partition(String record) {
		return Integer.parseInt(record.substring(0, record.indexOf(':')));
	}

	private static long offset(String record) {
		return Long.parseLong(record.substring(record.indexOf(':') + 1));
	}

	@Override
	public String toString() {
		return "lost=" + lost() + ", duplicates=" + duplicates() + ", processed per member="
				+ this.members.stream().map(List::size).toList();
	}

}
