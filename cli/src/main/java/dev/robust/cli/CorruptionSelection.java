package dev.robust.cli;

import dev.robust.common.BadInputException;
import dev.robust.common.corruption.Corruption;
import picocli.CommandLine;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/** Parsers for {@code --corruptions all|a,b,c} and {@code --severities 1-5|1,3,5}; bad values are usage errors. */
final class CorruptionSelection {
    private CorruptionSelection() {
    }

    static final class Corruptions implements CommandLine.ITypeConverter<List<Corruption>> {
        @Override
        public List<Corruption> convert(String value) {
            if (value.equals("all")) return Corruption.all();
            List<Corruption> chosen = new ArrayList<>();
            for (String name : value.split(",")) {
                try {
                    Corruption corruption = Corruption.fromId(name.trim());
                    if (!chosen.contains(corruption)) chosen.add(corruption);
                } catch (BadInputException e) {
                    throw new CommandLine.TypeConversionException(e.getMessage());
                }
            }
            return chosen;
        }
    }

    static final class Severities implements CommandLine.ITypeConverter<List<Integer>> {
        @Override
        public List<Integer> convert(String value) {
            TreeSet<Integer> chosen = new TreeSet<>();
            for (String part : value.split(",")) {
                String[] range = part.trim().split("-", -1);
                if (range.length > 2) throw invalid(value);
                int from = parse(range[0], value);
                int to = range.length == 2 ? parse(range[1], value) : from;
                if (from > to) throw invalid(value);
                for (int s = from; s <= to; s++) chosen.add(s);
            }
            return List.copyOf(chosen);
        }

        private static int parse(String text, String value) {
            try {
                int severity = Integer.parseInt(text.trim());
                if (severity >= Corruption.MIN_SEVERITY && severity <= Corruption.MAX_SEVERITY) return severity;
            } catch (NumberFormatException e) {
                // reported below with the accepted syntax
            }
            throw invalid(value);
        }

        private static CommandLine.TypeConversionException invalid(String value) {
            return new CommandLine.TypeConversionException("severities '" + value + "': expected severities "
                    + Corruption.MIN_SEVERITY + " to " + Corruption.MAX_SEVERITY + " as a range (1-5), a list (1,3,5) "
                    + "or both (1-2,5)");
        }
    }
}
