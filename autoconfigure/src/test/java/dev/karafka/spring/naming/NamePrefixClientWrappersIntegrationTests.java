package dev.karafka.spring.naming;

import java.time.Duration;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;

import dev.karafka.spring.admin.KarafkaAdmin;
import dev.karafka.spring.test.broker.KafkaTestBroker;
import dev.karafka.spring.test.context.KafkaTestBrokerConnection;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import org.springframework.kafka.listener.MessageListener;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.support.MessageBuilder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

/**
 * Names the application uses outside of annotations get the prefix too: a listener
 * container it creates itself from Boot's container factory, with a logical topic name,
 * consumes the prefixed topic that the template sends to, every kind of template send and
 * a producer of the application's own from Boot's factory reach the prefixed topic, and
 * the template's metadata calls ask about the prefixed topic.
 *
 * @author karafka-spring
 */
@KafkaTestBrokerConnection
@SpringBootTest(classes = NamePrefixClientWrappersIntegrationTests.PrefixedApplication.class,
		properties = { "karafka.prefix=tenant-7.", "karafka.initial-offset=earliest",
				"spring.kafka.consumer.group-id=programmatic", "spring.kafka.template.default-topic=sends" })
class NamePrefixClientWrappersIntegrationTests {

	@Autowired
	private ConcurrentKafkaListenerContainerFactory<Object, Object> factory;

	@Autowired
	private KafkaTemplate<Object, Object> template;

	@Autowired
	private KarafkaAdmin admin;

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

	@Test
	void everyKindOfSendReachesThePrefixedTopic() throws Exception {
		KafkaTestBroker.shared().createTopic("tenant-7.sends", 1);
		this.template.send("sends", "explicit topic").get(10, TimeUnit.SECONDS);
		this.template.sendDefault("default topic").get(10, TimeUnit.SECONDS);
		this.template.send(new ProducerRecord<>("sends", "producer record")).get(10, TimeUnit.SECONDS);
		this.template.send(MessageBuilder.withPayload("message").setHeader(KafkaHeaders.TOPIC, "sends").build())
			.get(10, TimeUnit.SECONDS);
		try (Producer<Object, Object> producer = this.template.getProducerFactory().createProducer()) {
			producer.send(new ProducerRecord<>("sends", "factory producer")).get(10, TimeUnit.SECONDS);
		}
		assertThat(this.admin.readTopic("sends", 0, 10)).extracting(ConsumerRecord::topic, ConsumerRecord::value)
			.containsExactly(tuple("tenant-7.sends", "explicit topic"), tuple("tenant-7.sends", "default topic"),
					tuple("tenant-7.sends", "producer record"), tuple("tenant-7.sends", "message"),
					tuple("tenant-7.sends", "factory producer"));
	}

	@SpringBootConfiguration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class PrefixedApplication {

	}

}
