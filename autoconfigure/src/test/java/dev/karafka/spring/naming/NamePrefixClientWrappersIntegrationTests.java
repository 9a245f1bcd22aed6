package dev.karafka.spring.naming;

import java.time.Duration;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;

import dev.karafka.spring.test.broker.KafkaTestBroker;
import dev.karafka.spring.test.context.KafkaTestBrokerConnection;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import org.springframework.kafka.listener.MessageListener;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Names the application uses outside of annotations get the prefix too: a listener
 * container it creates itself from Boot's container factory, with a logical topic name,
 * consumes the prefixed topic that the template sends to, and the template's metadata
 * calls ask about the prefixed topic.
 *
 * @author karafka-spring
 */
@KafkaTestBrokerConnection
@SpringBootTest(classes = NamePrefixClientWrappersIntegrationTests.PrefixedApplication.class,
		properties = { "karafka.prefix=tenant-7.", "karafka.initial-offset=earliest",
				"spring.kafka.consumer.group-id=programmatic" })
class NamePrefixClientWrappersIntegrationTests {

	@Autowired
	private ConcurrentKafkaListenerContainerFactory<Object, Object> factory;

	@Autowired
	private KafkaTemplate<Object, Object> template;

	@Test
	void programmaticContainerConsumesThePrefixedTopic() throws Exception {
		Queue<ConsumerRecord<Object, Object>> received = new ConcurrentLinkedQueue<>();
		ConcurrentMessageListenerContainer<Object, Object> container = this.factory.createContainer("programmatic");
		container.getContainerProperties().setMessageListener((MessageListener<Object, Object>) received::add);
		container.start();
		try {
			this.template.send("programmatic", "hello").get(10, TimeUnit.SECONDS);
			await().atMost(Duration.ofSeconds(30)).until(() -> !received.isEmpty());
			assertThat(received.peek().topic()).isEqualTo("tenant-7.programmatic");
			assertThat(received.peek().value()).isEqualTo("hello");
		}
		finally {
			container.stop();
		}
	}

	@Test
	void templateMetadataCallsAskAboutThePrefixedTopic() {
		KafkaTestBroker.shared().createTopic("tenant-7.metadata", 2);
		assertThat(this.template.partitionsFor("metadata")).hasSize(2)
			.allSatisfy((partition) -> assertThat(partition.topic()).isEqualTo("tenant-7.metadata"));
	}

	@SpringBootConfiguration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class PrefixedApplication {

	}

}
