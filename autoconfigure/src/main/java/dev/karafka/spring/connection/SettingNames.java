package dev.karafka.spring.connection;

import java.util.Collection;

import org.jspecify.annotations.Nullable;

/**
 * Suggests the setting a misspelt name probably means: the known name at the smallest
 * Levenshtein distance (characters inserted, deleted or replaced), if it is close.
 *
 * @author karafka-spring
 * @since 0.1.0
 */
public final class SettingNames {

	private SettingNames() {
	}

	/**
	 * Return the known name closest to the given one, if any is at most
	 * {@code maxDistance} edits away.
	 * @param name the unknown name
	 * @param known the known names
	 * @param maxDistance the largest number of edits of a suggestion
	 * @return the closest known name, or {@code null} if none is close
	 */
	public static @Nullable String closest(String name, Collection<String> known, int maxDistance) {
		String closest = null;
		int closestDistance = maxDistance + 1;
		for (String candidate : known) {
			int distance = distance(name, candidate);
			if (distance < closestDistance) {
				closest = candidate;
				closestDistance = distance;
			}
		}
		return closest;
	}

	/**
	 * Return the Levenshtein distance of two names.
	 * @param first one name
	 * @param second the other name
	 * @return the number of characters to insert, delete or replace to turn one into the
	 * other
	 */
	public static int distance(String first, String second) {
		int[] previous = new int[second.length() + 1];
		int[] current = new int[second.length() + 1];
		for (int j = 0; j <= second.length(); j++) {
			previous[j] = j;
		}
		for (int i = 1; i <= first.length(); i++) {
			current[0] = i;
			for (int j = 1; j <= second.length(); j++) {
				int replace = previous[j - 1] + ((first.charAt(i - 1) == second.charAt(j - 1)) ? 0 : 1);
				current[j] = Math.min(replace, Math.min(previous[j], current[j - 1]) + 1);
			}
			int[] swap = previous;
			previous = current;
			current = swap;
		}
		return previous[second.length()];
	}

}
