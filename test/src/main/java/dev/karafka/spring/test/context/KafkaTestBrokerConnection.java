package dev.karafka.spring.test.context;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import dev.karafka.spring.test.broker.KafkaTestBroker;
import dev.karafka.spring.test.broker.KafkaTestBroker.Listener;

/**
 * Connects the application of a Spring test to one listener of the
 * {@link KafkaTestBroker#shared() shared test broker}: it sets the bootstrap servers
 * ({@code spring.kafka.bootstrap-servers} and {@code karafka.bootstrap-servers}) and, for
 * secured listeners, the {@code karafka.kafka.*} security settings the listener needs
 * (client certificate, SCRAM credentials or an unsecured OAUTHBEARER login).
 *
 * @author karafka-spring
 * @since 0.1.0
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
public @interface KafkaTestBrokerConnection {

	/**
	 * The listener to connect to.
	 * @return the listener
	 */
	Listener value() default Listener.PLAINTEXT;

}
