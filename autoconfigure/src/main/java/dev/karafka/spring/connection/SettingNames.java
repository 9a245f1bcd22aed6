package dev.karafka.spring.connection;

import java.util.Collection;

import org.jspecify.annotations.Nullable;

/**
 * Suggests the setting a misspelt name probably means: the known name at the smallest
 * distance (characters inserted, deleted, replaced or swapped), if it is close.
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
	 * Return the optimal string alignment distance of two names, Levenshtein's distance
	 * with a swap of two neighbouring characters counted as one typing error.
	 * @param first one name
	 * @param second the other name
	 * @return the number of characters to insert, delete, replace or swap with their
	 * neighbour to turn one into the other
	 */
	public static int distance(String first, String second) {
		int[][] distance = new int[first.length() + 1][second.length() + 1];
		for (int i = 0; i <= first.length(); i++) {
			distance[i][0] = i;
		}
		for (int j = 0; j <= second.length(); j++) {
			distance[0][j] = j;
		}
		for (int i = 1; i <= first.length(); i++) {
			for (int j = 1; j <= second.length(); j++) {
				int replace = distance[i - 1][j - 1] + ((first.charAt(i - 1) == second.charAt(j - 1)) ? 0 : 1);
				distance[i][j] = Math.min(replace, Math.min(distance[i - 1][j], distance[i][j - 1]) + 1);
				if (i > 1 && j > 1 && first.charAt(i - 1) == second.charAt(j - 2)
						&& first.charAt(i - 2) == second.charAt(j - 1)) {
					distance[i][j] = Math.min(distance[i][j], distance[i - 2][j - 2] + 1);
				}
			}
		}
		return distance[first.length()][second.length()];
	}

}
