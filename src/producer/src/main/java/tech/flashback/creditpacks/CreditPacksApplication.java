package tech.flashback.creditpacks;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication
public class CreditPacksApplication {

    public static void main(String[] args) {
        SpringApplication.run(CreditPacksApplication.class, args);
    }
}
