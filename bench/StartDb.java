import io.ficus.testkit.Database;
import io.ficus.testkit.TestInfra;

/** Starts the testkit's embedded PostgreSQL for the benchmark gateway and prints how to reach it. */
public class StartDb {

    public static void main(String[] args) throws Exception {
        Database database = TestInfra.newDatabase("bench");
        System.out.println("JDBC " + database.jdbcUrl() + " " + database.username() + " " + database.password());
        System.out.flush();
        Thread.currentThread().join();
    }
}
