package dev.dedalus.processor.syntax;

import dev.dedalus.processor.syntax.Ast.Arrow;
import dev.dedalus.processor.syntax.Ast.AssignAst;
import dev.dedalus.processor.syntax.Ast.AtomAst;
import dev.dedalus.processor.syntax.Ast.BinaryAst;
import dev.dedalus.processor.syntax.Ast.BinaryOp;
import dev.dedalus.processor.syntax.Ast.BoolAst;
import dev.dedalus.processor.syntax.Ast.CallAst;
import dev.dedalus.processor.syntax.Ast.ConditionAst;
import dev.dedalus.processor.syntax.Ast.DoubleAst;
import dev.dedalus.processor.syntax.Ast.ExprAst;
import dev.dedalus.processor.syntax.Ast.HeadAst;
import dev.dedalus.processor.syntax.Ast.IntAst;
import dev.dedalus.processor.syntax.Ast.LiteralAst;
import dev.dedalus.processor.syntax.Ast.NegateAst;
import dev.dedalus.processor.syntax.Ast.RuleAst;
import dev.dedalus.processor.syntax.Ast.SelfAst;
import dev.dedalus.processor.syntax.Ast.StringAst;
import dev.dedalus.processor.syntax.Ast.VarAst;
import dev.dedalus.processor.syntax.Ast.WildcardAst;
import java.util.ArrayList;
import java.util.List;

/**
 * A recursive-descent parser for one rule text.
 *
 * <pre>
 * rule     := head (':-' | ':+' | ':~') literal (',' literal)*
 * head     := NAME ('@' NAME)? '(' (expr (',' expr)*)? ')'
 * literal  := '!' NAME '(' args ')' | NAME '=' expr | compare
 * compare  := sum (('==' | '!=' | '&lt;' | '&lt;=' | '&gt;' | '&gt;=') sum)?
 * sum      := product (('+' | '-') product)*
 * product  := unary (('*' | '/' | '%') unary)*
 * unary    := '-' unary | primary
 * primary  := INT | DOUBLE | STRING | 'true' | 'false' | 'self' | '_' | NAME | NAME '(' args ')' | '(' compare ')'
 * </pre>
 *
 * A positive literal that is a bare call, {@code Rel(a, b)}, is an atom; the checker decides
 * whether the name is a relation or a boolean function. The first syntax error ends the parse.
 */
public final class RuleParser {
  private final List<Token> tokens;
  private int index;

  private RuleParser(List<Token> tokens) {
    this.tokens = tokens;
  }

  /** Parses a rule text, or throws the first syntax error with its position. */
  public static RuleAst parse(String text) throws SyntaxError {
    RuleParser parser = new RuleParser(Lexer.tokenize(text));
    return parser.rule();
  }

  private RuleAst rule() throws SyntaxError {
    HeadAst head = head();
    Token arrowToken = peek();
    Arrow arrow = switch (arrowToken.kind()) {
      case DEDUCTIVE -> Arrow.DEDUCTIVE;
      case INDUCTIVE -> Arrow.INDUCTIVE;
      case ASYNC -> Arrow.ASYNC;
      default -> throw unexpected("':-', ':+' or ':~'");
    };
    index++;
    List<LiteralAst> body = new ArrayList<>();
    body.add(literal());
    while (peek().kind() == TokenKind.COMMA) {
      index++;
      body.add(literal());
    }
    if (peek().kind() != TokenKind.EOF) {
      throw unexpected("',' or the end of the rule");
    }
    return new RuleAst(head, arrow, arrowToken.pos(), body);
  }

  private HeadAst head() throws SyntaxError {
    Token name = expect(TokenKind.IDENT, "the head relation's name");
    String dest = null;
    Pos destPos = null;
    if (peek().kind() == TokenKind.AT) {
      index++;
      Token d = expect(TokenKind.IDENT, "a destination variable after '@'");
      dest = d.text();
      destPos = d.pos();
    }
    expect(TokenKind.LPAREN, "'(' after the head relation's name");
    List<ExprAst> args = arguments();
    return new HeadAst(name.text(), name.pos(), dest, destPos, args);
  }

  /** Parses {@code (expr (',' expr)*)? ')'}; the '(' is already consumed. */
  private List<ExprAst> arguments() throws SyntaxError {
    List<ExprAst> args = new ArrayList<>();
    if (peek().kind() == TokenKind.RPAREN) {
      index++;
      return args;
    }
    args.add(compare());
    while (peek().kind() == TokenKind.COMMA) {
      index++;
      args.add(compare());
    }
    expect(TokenKind.RPAREN, "',' or ')'");
    return args;
  }

  private LiteralAst literal() throws SyntaxError {
    Token first = peek();
    if (first.kind() == TokenKind.BANG) {
      index++;
      Token name = expect(TokenKind.IDENT, "a relation name after '!'");
      expect(TokenKind.LPAREN, "'(' after the relation's name");
      return new AtomAst(name.text(), arguments(), true, first.pos());
    }
    if (first.kind() == TokenKind.IDENT && peekAhead(1).kind() == TokenKind.ASSIGN) {
      index += 2;
      return new AssignAst(first.text(), compare(), first.pos());
    }
    ExprAst expr = compare();
    if (expr instanceof CallAst call) {
      return new AtomAst(call.name(), call.args(), false, call.pos());
    }
    return new ConditionAst(expr, first.pos());
  }

  private ExprAst compare() throws SyntaxError {
    ExprAst left = sum();
    BinaryOp op = switch (peek().kind()) {
      case EQ -> BinaryOp.EQ;
      case NE -> BinaryOp.NE;
      case LT -> BinaryOp.LT;
      case LE -> BinaryOp.LE;
      case GT -> BinaryOp.GT;
      case GE -> BinaryOp.GE;
      default -> null;
    };
    if (op == null) {
      return left;
    }
    Token opToken = tokens.get(index++);
    return new BinaryAst(op, left, sum(), opToken.pos());
  }

  private ExprAst sum() throws SyntaxError {
    ExprAst left = product();
    while (true) {
      BinaryOp op = switch (peek().kind()) {
        case PLUS -> BinaryOp.ADD;
        case MINUS -> BinaryOp.SUB;
        default -> null;
      };
      if (op == null) {
        return left;
      }
      Token opToken = tokens.get(index++);
      left = new BinaryAst(op, left, product(), opToken.pos());
    }
  }

  private ExprAst product() throws SyntaxError {
    ExprAst left = unary();
    while (true) {
      BinaryOp op = switch (peek().kind()) {
        case STAR -> BinaryOp.MUL;
        case SLASH -> BinaryOp.DIV;
        case PERCENT -> BinaryOp.MOD;
        default -> null;
      };
      if (op == null) {
        return left;
      }
      Token opToken = tokens.get(index++);
      left = new BinaryAst(op, left, unary(), opToken.pos());
    }
  }

  private ExprAst unary() throws SyntaxError {
    Token t = peek();
    if (t.kind() == TokenKind.MINUS) {
      index++;
      ExprAst operand = unary();
      // Fold "-literal" so that the most negative long is writable and listings stay readable.
      if (operand instanceof IntAst i && !i.text().startsWith("-")) {
        return new IntAst("-" + i.text(), t.pos());
      }
      if (operand instanceof DoubleAst d && !d.text().startsWith("-")) {
        return new DoubleAst("-" + d.text(), t.pos());
      }
      return new NegateAst(operand, t.pos());
    }
    return primary();
  }

  private ExprAst primary() throws SyntaxError {
    Token t = peek();
    switch (t.kind()) {
      case INT:
        index++;
        return new IntAst(t.text(), t.pos());
      case DOUBLE:
        index++;
        return new DoubleAst(t.text(), t.pos());
      case STRING:
        index++;
        return new StringAst(unescape(t.text()), t.pos());
      case WILDCARD:
        index++;
        return new WildcardAst(t.pos());
      case LPAREN: {
        index++;
        ExprAst inner = compare();
        expect(TokenKind.RPAREN, "')'");
        return inner;
      }
      case IDENT: {
        index++;
        if (peek().kind() == TokenKind.LPAREN) {
          index++;
          return new CallAst(t.text(), arguments(), t.pos());
        }
        return switch (t.text()) {
          case "true" -> new BoolAst(true, t.pos());
          case "false" -> new BoolAst(false, t.pos());
          case "self" -> new SelfAst(t.pos());
          default -> new VarAst(t.text(), t.pos());
        };
      }
      default:
        throw unexpected("a term (a variable, '_', a literal, 'self' or a call)");
    }
  }

  private static String unescape(String quoted) {
    StringBuilder out = new StringBuilder();
    for (int i = 1; i < quoted.length() - 1; i++) {
      char c = quoted.charAt(i);
      if (c == '\\') {
        char e = quoted.charAt(++i);
        out.append(switch (e) {
          case 'n' -> '\n';
          case 't' -> '\t';
          default -> e;
        });
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  private Token peek() {
    return tokens.get(index);
  }

  private Token peekAhead(int ahead) {
    return tokens.get(Math.min(index + ahead, tokens.size() - 1));
  }

  private Token expect(TokenKind kind, String expected) throws SyntaxError {
    Token t = peek();
    if (t.kind() != kind) {
      throw unexpected(expected);
    }
    index++;
    return t;
  }

  private SyntaxError unexpected(String expected) {
    Token t = peek();
    return new SyntaxError(t.pos(), expected, t.describe());
  }
}
