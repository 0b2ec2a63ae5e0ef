package dev.dedalus.processor.syntax;

import java.util.ArrayList;
import java.util.List;

/** Splits a rule text into tokens, tracking 1-based lines and columns; {@code //} starts a comment. */
public final class Lexer {
  private final String text;
  private int offset;
  private int line = 1;
  private int column = 1;

  private Lexer(String text) {
    this.text = text;
  }

  public static List<Token> tokenize(String text) throws SyntaxError {
    return new Lexer(text).run();
  }

  private List<Token> run() throws SyntaxError {
    List<Token> tokens = new ArrayList<>();
    while (true) {
      skipBlanksAndComments();
      Pos pos = new Pos(line, column);
      if (offset >= text.length()) {
        tokens.add(new Token(TokenKind.EOF, "", pos));
        return tokens;
      }
      tokens.add(next(pos));
    }
  }

  private void skipBlanksAndComments() {
    while (offset < text.length()) {
      char c = text.charAt(offset);
      if (Character.isWhitespace(c)) {
        advance();
      } else if (c == '/' && peek(1) == '/') {
        while (offset < text.length() && text.charAt(offset) != '\n') {
          advance();
        }
      } else {
        return;
      }
    }
  }

  private Token next(Pos pos) throws SyntaxError {
    char c = text.charAt(offset);
    if (Character.isJavaIdentifierStart(c)) {
      int start = offset;
      while (offset < text.length() && Character.isJavaIdentifierPart(text.charAt(offset))) {
        advance();
      }
      String word = text.substring(start, offset);
      return new Token(word.equals("_") ? TokenKind.WILDCARD : TokenKind.IDENT, word, pos);
    }
    if (c >= '0' && c <= '9') {
      return number(pos);
    }
    if (c == '"') {
      return string(pos);
    }
    switch (c) {
      case '(': return single(TokenKind.LPAREN, pos);
      case ')': return single(TokenKind.RPAREN, pos);
      case ',': return single(TokenKind.COMMA, pos);
      case '@': return single(TokenKind.AT, pos);
      case '+': return single(TokenKind.PLUS, pos);
      case '-': return single(TokenKind.MINUS, pos);
      case '*': return single(TokenKind.STAR, pos);
      case '/': return single(TokenKind.SLASH, pos);
      case '%': return single(TokenKind.PERCENT, pos);
      case ':':
        switch (peek(1)) {
          case '-': return pair(TokenKind.DEDUCTIVE, pos);
          case '+': return pair(TokenKind.INDUCTIVE, pos);
          case '~': return pair(TokenKind.ASYNC, pos);
          default: throw new SyntaxError(pos, "':-', ':+' or ':~'", found(2));
        }
      case '!': return peek(1) == '=' ? pair(TokenKind.NE, pos) : single(TokenKind.BANG, pos);
      case '=': return peek(1) == '=' ? pair(TokenKind.EQ, pos) : single(TokenKind.ASSIGN, pos);
      case '<': return peek(1) == '=' ? pair(TokenKind.LE, pos) : single(TokenKind.LT, pos);
      case '>': return peek(1) == '=' ? pair(TokenKind.GE, pos) : single(TokenKind.GT, pos);
      default:
        throw new SyntaxError(pos, "a name, a literal, an operator or punctuation", found(1));
    }
  }

  private Token number(Pos pos) throws SyntaxError {
    int start = offset;
    while (offset < text.length() && Character.isDigit(text.charAt(offset))) {
      advance();
    }
    boolean isDouble = false;
    if (offset < text.length() && text.charAt(offset) == '.' && Character.isDigit(peek(1))) {
      isDouble = true;
      advance();
      while (offset < text.length() && Character.isDigit(text.charAt(offset))) {
        advance();
      }
    }
    if (offset < text.length() && (text.charAt(offset) == 'e' || text.charAt(offset) == 'E')) {
      int save = offset;
      int saveColumn = column;
      advance();
      if (offset < text.length() && (text.charAt(offset) == '+' || text.charAt(offset) == '-')) {
        advance();
      }
      if (offset < text.length() && Character.isDigit(text.charAt(offset))) {
        isDouble = true;
        while (offset < text.length() && Character.isDigit(text.charAt(offset))) {
          advance();
        }
      } else {
        offset = save;
        column = saveColumn;
      }
    }
    if (offset < text.length() && Character.isJavaIdentifierPart(text.charAt(offset))) {
      throw new SyntaxError(new Pos(line, column), "an operator or punctuation after a number", found(1));
    }
    return new Token(isDouble ? TokenKind.DOUBLE : TokenKind.INT, text.substring(start, offset), pos);
  }

  private Token string(Pos pos) throws SyntaxError {
    int start = offset;
    advance();
    while (offset < text.length()) {
      char c = text.charAt(offset);
      if (c == '"') {
        advance();
        return new Token(TokenKind.STRING, text.substring(start, offset), pos);
      }
      if (c == '\n') {
        break;
      }
      if (c == '\\') {
        advance();
        if (offset >= text.length()) {
          break;
        }
        char e = text.charAt(offset);
        if ("\"\\nt".indexOf(e) < 0) {
          throw new SyntaxError(new Pos(line, column - 1), "one of the escapes \\\" \\\\ \\n \\t", "'\\" + e + "'");
        }
      }
      advance();
    }
    throw new SyntaxError(pos, "a closing '\"' on the same line", "an unterminated string");
  }

  private Token single(TokenKind kind, Pos pos) {
    String t = text.substring(offset, offset + 1);
    advance();
    return new Token(kind, t, pos);
  }

  private Token pair(TokenKind kind, Pos pos) {
    String t = text.substring(offset, offset + 2);
    advance();
    advance();
    return new Token(kind, t, pos);
  }

  private String found(int length) {
    int end = Math.min(text.length(), offset + length);
    String s = text.substring(offset, end).trim();
    return s.isEmpty() ? "the end of the rule" : "'" + s + "'";
  }

  private char peek(int ahead) {
    int i = offset + ahead;
    return i < text.length() ? text.charAt(i) : '\0';
  }

  private void advance() {
    if (text.charAt(offset) == '\n') {
      line++;
      column = 1;
    } else {
      column++;
    }
    offset++;
  }
}
