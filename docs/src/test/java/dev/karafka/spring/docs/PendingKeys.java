package dev.karafka.spring.docs;

import java.util.Map;

/**
 * Keys that the guides use before the branch that adds them is merged, with the issue
 * that specifies them. While the configuration metadata does not know a key, snippets may
 * use it; once the metadata knows it, it is checked and bound like any other, and
 * {@link ConfigurationSnippetsTests} asks for its removal from here.
 *
 * @author karafka-spring
 */
final class PendingKeys {

	static final Map<String, String> KEYS = Map.of(
			"karafka.heroku.enabled", "issue 4 (Heroku)",
			"karafka.heroku.env-prefix", "issue 4 (Heroku)",
			"karafka.prefix", "issue 4 (Heroku)",
			"karafka.admin.group-id", "issue 4 (Heroku)",
			"karafka.msk.iam.enabled", "issue 6 (OAuth, MSK IAM)",
			"karafka.msk.iam.role-arn", "issue 6 (OAuth, MSK IAM)",
			"karafka.msk.iam.profile-name", "issue 6 (OAuth, MSK IAM)");

	private PendingKeys() {
	}

}
