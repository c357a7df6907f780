package dev.robust.cli.run;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** One scrape of a service's {@code /q/metrics} (Prometheus text format): series → value. */
record MetricsScrape(Map<String, Double> series) {
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    static MetricsScrape of(URI service) throws IOException, InterruptedException {
        HttpResponse<String> response = CLIENT.send(HttpRequest.newBuilder(service.resolve("/q/metrics"))
                .timeout(Duration.ofSeconds(30)).GET().build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException(service + "/q/metrics answered HTTP " + response.statusCode());
        }
        Map<String, Double> series = new LinkedHashMap<>();
        for (String line : response.body().split("\n")) {
            if (line.isBlank() || line.startsWith("#")) continue;
            int space = line.lastIndexOf(' ');
            series.put(line.substring(0, space), Double.parseDouble(line.substring(space + 1)));
        }
        return new MetricsScrape(series);
    }

    private static String name(String series) {
        int brace = series.indexOf('{');
        return brace < 0 ? series : series.substring(0, brace);
    }

    /** The sum of every series of {@code name}; 0 when there is none. */
    double sum(String name) {
        return series.entrySet().stream().filter(e -> name(e.getKey()).equals(name))
                .mapToDouble(Map.Entry::getValue).sum();
    }

    boolean has(String name) {
        return series.keySet().stream().anyMatch(s -> name(s).equals(name));
    }

    /** The series whose metric name starts with {@code prefix}. */
    long count(String prefix) {
        return series.keySet().stream().filter(s -> name(s).startsWith(prefix)).count();
    }

    /** Every value {@code label} takes on the series of {@code name}. */
    Set<String> labelValues(String name, String label) {
        Pattern pattern = Pattern.compile("[{,]" + Pattern.quote(label) + "=\"([^\"]*)\"");
        Set<String> values = new TreeSet<>();
        for (String s : series.keySet()) {
            if (!name(s).equals(name)) continue;
            Matcher matcher = pattern.matcher(s);
            if (matcher.find()) values.add(matcher.group(1));
        }
        return values;
    }
}
