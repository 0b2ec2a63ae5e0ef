package dev.dedalus.protocols.deploy;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/**
 * A stand-in for a node, to test the harness without the protocols: prints {@code ready <pid>},
 * then either waits for SIGTERM ({@code wait}), starts a child that waits and waits itself
 * ({@code parent LOGDIR}), answers UDP datagrams on a host and port
 * ({@code echo HOST PORT}), or sends one to a host and port and prints the answer
 * ({@code send HOST PORT}). On SIGTERM it prints {@code stopping} and exits 0, as a node does.
 */
public final class FakeNode {
  private FakeNode() {}

  public static void main(String[] args) throws Exception {
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      System.out.println("stopping");
      System.out.flush();
      Runtime.getRuntime().halt(0);
    }));
    switch (args[0]) {
      case "wait" -> {
        System.out.println("ready " + ProcessHandle.current().pid());
        Thread.sleep(Long.MAX_VALUE);
      }
      case "parent" -> {
        // Starts a child as a test does, then waits to be killed: the child must not outlive it.
        NodeProcesses children = new NodeProcesses(java.nio.file.Path.of(args[1]), FakeNode.class.getName());
        NodeProcesses.Node child = children.start("child", java.util.List.of("wait"));
        child.awaitReady(java.time.Duration.ofSeconds(30));
        System.out.println("ready " + ProcessHandle.current().pid() + " child " + child.pid());
        Thread.sleep(Long.MAX_VALUE);
      }
      case "echo" -> {
        try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress(args[1], Integer.parseInt(args[2])))) {
          System.out.println("ready " + ProcessHandle.current().pid());
          byte[] buffer = new byte[1500];
          while (true) {
            DatagramPacket p = new DatagramPacket(buffer, buffer.length);
            socket.receive(p);
            String text = new String(p.getData(), 0, p.getLength(), StandardCharsets.UTF_8);
            byte[] reply = ("echo " + text).getBytes(StandardCharsets.UTF_8);
            socket.send(new DatagramPacket(reply, reply.length, p.getSocketAddress()));
          }
        }
      }
      case "send" -> {
        try (DatagramSocket socket = new DatagramSocket()) {
          socket.setSoTimeout(500);
          System.out.println("ready " + ProcessHandle.current().pid());
          byte[] message = "hello".getBytes(StandardCharsets.UTF_8);
          for (int attempt = 0; attempt < 20; attempt++) {
            socket.send(new DatagramPacket(message, message.length, new InetSocketAddress(args[1], Integer.parseInt(args[2]))));
            try {
              byte[] buffer = new byte[1500];
              DatagramPacket p = new DatagramPacket(buffer, buffer.length);
              socket.receive(p);
              System.out.println("answer " + new String(p.getData(), 0, p.getLength(), StandardCharsets.UTF_8));
              System.out.flush();
              Runtime.getRuntime().halt(0);
            } catch (java.net.SocketTimeoutException e) {
              System.out.println("no answer yet: " + e.getMessage());
            }
          }
          System.out.println("answer none");
          System.out.flush();
              Runtime.getRuntime().halt(1);
        }
      }
      default -> throw new IllegalArgumentException("unknown mode " + args[0]);
    }
  }
}
