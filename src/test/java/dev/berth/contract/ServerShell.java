package dev.berth.contract;

import dev.berth.target.ServerCommands;
import dev.berth.ssh.Privilege;
import dev.berth.ssh.RemoteCommand;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Every shell text Berth runs on the server: the shipped scripts and each {@code sh -c} script of ServerCommands. */
final class ServerShell {
    private ServerShell() {}

    /** Name → script text. */
    static Map<String, String> all() throws Exception {
        Map<String, String> scripts = new LinkedHashMap<>();
        for (String f : ProjectFiles.SERVER_SHELL) {
            scripts.put(f, ProjectFiles.read(f));
        }
        scripts.putAll(serverCommandScripts());
        return scripts;
    }

    /** The {@code sh -c} script of each ServerCommands method, called with placeholder arguments. */
    static Map<String, String> serverCommandScripts() throws Exception {
        Map<String, String> scripts = new LinkedHashMap<>();
        ServerCommands commands = new ServerCommands(Privilege.NONE);
        for (Method m : ServerCommands.class.getDeclaredMethods()) {
            if (!Modifier.isPublic(m.getModifiers()) || Modifier.isStatic(m.getModifiers())
                    || m.getReturnType() != RemoteCommand.class) {
                continue;
            }
            Object[] args = new Object[m.getParameterCount()];
            for (int i = 0; i < args.length; i++) {
                Class<?> type = m.getParameterTypes()[i];
                args[i] = type == Map.class ? Map.of("f", "1:1") : type == long.class ? 1L : type == int.class ? 1
                        : type == boolean.class ? (Object) true : "x";
            }
            List<String> argv = ((RemoteCommand) m.invoke(commands, args)).fullArgv();
            if (argv.size() > 2 && argv.get(0).equals("sh") && argv.get(1).equals("-c")) {
                scripts.put("ServerCommands." + m.getName() + "(" + args.length + ")", argv.get(2));
            }
        }
        return scripts;
    }
}
