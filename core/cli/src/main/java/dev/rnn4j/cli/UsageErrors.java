package dev.rnn4j.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Help;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.MissingParameterException;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * Bad arguments: the message, the usage line of the option(s) concerned (not the whole help), and where to
 * find the rest. Exit code 2.
 */
final class UsageErrors implements IParameterExceptionHandler {

    static final int EXIT_CODE = 2;

    @Override
    public int handleParseException(ParameterException e, String[] args) {
        CommandLine cl = e.getCommandLine();
        PrintWriter err = cl.getErr();
        String command = cl.getCommandSpec().qualifiedName();
        err.println(command + ": " + e.getMessage());
        List<OptionSpec> options = options(e);
        if (!options.isEmpty()) {
            err.print(new Help(cl.getCommandSpec(), cl.getColorScheme()).optionListExcludingGroups(options));
        } else {
            UnmatchedArgumentException.printSuggestions(e, err);
        }
        err.println("Try '" + command + " --help' for more information.");
        err.flush();
        return EXIT_CODE;
    }

    /** The options the error is about: the one with a bad value, or the required ones missing. */
    private static List<OptionSpec> options(ParameterException e) {
        List<ArgSpec> specs = new ArrayList<>();
        if (e instanceof MissingParameterException m) specs.addAll(m.getMissing());
        else if (e.getArgSpec() != null) specs.add(e.getArgSpec());
        return specs.stream().filter(OptionSpec.class::isInstance).map(OptionSpec.class::cast).toList();
    }

    /** A usage error about {@code option} raised after parsing (e.g. two options that exclude each other). */
    static ParameterException about(CommandLine cl, String option, String message) {
        OptionSpec spec = cl.getCommandSpec().findOption(option);
        return spec == null ? new ParameterException(cl, message) : new ParameterException(cl, message, spec, null);
    }
}
