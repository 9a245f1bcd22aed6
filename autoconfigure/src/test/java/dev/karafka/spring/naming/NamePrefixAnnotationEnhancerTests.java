package dev.karafka.spring.naming;

import java.lang.reflect.Method;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.core.annotation.AnnotationUtils;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.annotation.TopicPartition;
import org.springframework.util.ReflectionUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link NamePrefixAnnotationEnhancer}.
 *
 * @author karafka-spring
 */
class NamePrefixAnnotationEnhancerTests {

	private static final String CALL = "#{T(dev.karafka.spring.naming.NamePrefix).of('p.').";

	private final NamePrefixAnnotationEnhancer enhancer = new NamePrefixAnnotationEnhancer(() -> NamePrefix.of("p."));

	@Test
	void literalTopicsAndGroupGetThePrefix() {
		Map<String, Object> attributes = enhance("literal");
		assertThat(attributes.get("topics")).isEqualTo(new String[] { "p.orders", "p.already" });
		assertThat(attributes.get("groupId")).isEqualTo("p.orders-service");
	}

	@Test
	void placeholdersAndExpressionsGetThePrefixOnceResolved() {
		Map<String, Object> attributes = enhance("resolved");
		assertThat(attributes.get("topics"))
			.isEqualTo(new String[] { CALL + "applyToAll('${topic}')}", CALL + "applyToAll(__listener.topics)}" });
	}

	@Test
	void listenerIdThatIsTheGroupGetsThePrefix() {
		Map<String, Object> attributes = enhance("byId");
		assertThat(attributes.get("groupId")).isEqualTo("p.reader");
		assertThat(attributes.get("id")).isEqualTo("reader");
	}

	@Test
	void topicPatternIsAnchoredAfterThePrefix() {
		assertThat(enhance("pattern").get("topicPattern")).isEqualTo(CALL + "applyToPattern('orders-.*')}");
	}

	@Test
	void topicPartitionsGetThePrefix() {
		TopicPartition[] partitions = (TopicPartition[]) enhance("partitions").get("topicPartitions");
		assertThat(partitions).extracting(TopicPartition::topic).containsExactly("p.orders");
		assertThat(partitions[0].partitions()).containsExactly("0");
	}

	@Test
	void emptyPrefixLeavesTheAnnotationAlone() {
		Method method = ReflectionUtils.findMethod(Listeners.class, "literal");
		Map<String, Object> attributes = AnnotationUtils
			.getAnnotationAttributes(AnnotationUtils.findAnnotation(method, KafkaListener.class));
		assertThat(new NamePrefixAnnotationEnhancer(() -> NamePrefix.NONE).apply(attributes, method))
			.isSameAs(attributes);
	}

	private Map<String, Object> enhance(String methodName) {
		Method method = ReflectionUtils.findMethod(Listeners.class, methodName);
		KafkaListener listener = AnnotationUtils.findAnnotation(method, KafkaListener.class);
		return this.enhancer.apply(AnnotationUtils.getAnnotationAttributes(listener), method);
	}

	static class Listeners {

		@KafkaListener(topics = { "orders", "p.already" }, groupId = "orders-service")
		void literal() {
		}

		@KafkaListener(topics = { "${topic}", "#{__listener.topics}" })
		void resolved() {
		}

		@KafkaListener(id = "reader", topics = "orders")
		void byId() {
		}

		@KafkaListener(topicPattern = "orders-.*")
		void pattern() {
		}

		@KafkaListener(topicPartitions = @TopicPartition(topic = "orders", partitions = "0"))
		void partitions() {
		}

	}

}
