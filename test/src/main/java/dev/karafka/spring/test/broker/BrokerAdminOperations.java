package dev.karafka.spring.test.broker;

import java.util.List;
import java.util.concurrent.ExecutionException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * Administration operations that a {@link KafkaTestBroker} runs with an {@link Admin}
 * client, each waited for and failing with an {@link IllegalStateException}.
 *
 * @author karafka-spring
 */
final class BrokerAdminOperations {

	private BrokerAdminOperations() {
	}

	static void createTopic(Admin admin, String name, int partitions) {
		try {
			await(admin.createTopics(List.of(new NewTopic(name, partitions, (short) 1))).all(),
					"create topic '" + name + "'");
		}
		catch (IllegalStateException ex) {
			if (!(ex.getCause() instanceof TopicExistsException)) {
				throw ex;
			}
		}
	}

	static void upsertScramCredentials(Admin admin, String username, String password) {
		ScramCredentialInfo info = new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, 4096);
		UserScramCredentialUpsertion upsertion = new UserScramCredentialUpsertion(username, info, password);
		await(admin.alterUserScramCredentials(List.of(upsertion)).all(),
				"update the credentials of SCRAM user '" + username + "'");
	}

	private static void await(KafkaFuture<Void> future, String action) {
		try {
			future.get();
		}
		catch (ExecutionException ex) {
			throw new IllegalStateException("Failed to " + action, ex.getCause());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while waiting to " + action, ex);
		}
	}

}
