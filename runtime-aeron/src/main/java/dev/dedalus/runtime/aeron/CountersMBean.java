package dev.dedalus.runtime.aeron;

import javax.management.Attribute;
import javax.management.AttributeList;
import javax.management.AttributeNotFoundException;
import javax.management.DynamicMBean;
import javax.management.MBeanAttributeInfo;
import javax.management.MBeanInfo;
import javax.management.MBeanOperationInfo;
import javax.management.ReflectionException;

/**
 * An endpoint's live counters as a read-only MBean: one {@code long} attribute per {@link Counter},
 * named by {@link Counter#label()} ({@code framesSent}, {@code ticks}, ...). Dynamic, so that a
 * counter added to {@link Counter} is an attribute without touching this class.
 */
public final class CountersMBean implements DynamicMBean {
  private static final MBeanInfo INFO = info();

  private final EndpointCounters counters;

  /** @param counters the live counters the attributes read */
  public CountersMBean(EndpointCounters counters) {
    this.counters = counters;
  }

  private static MBeanInfo info() {
    Counter[] all = Counter.values();
    MBeanAttributeInfo[] attributes = new MBeanAttributeInfo[all.length];
    for (Counter counter : all) {
      attributes[counter.ordinal()] = new MBeanAttributeInfo(
          counter.label(), "long", "Dedalus counter " + counter.name(), true, false, false);
    }
    return new MBeanInfo(CountersMBean.class.getName(), "A Dedalus node's runtime counters",
        attributes, null, new MBeanOperationInfo[0], null);
  }

  @Override
  public Object getAttribute(String attribute) throws AttributeNotFoundException {
    for (Counter counter : Counter.values()) {
      if (counter.label().equals(attribute)) {
        return counters.get(counter);
      }
    }
    throw new AttributeNotFoundException("no counter " + attribute + " on " + counters.name());
  }

  @Override
  public AttributeList getAttributes(String[] attributes) {
    AttributeList values = new AttributeList();
    for (String attribute : attributes) {
      try {
        values.add(new Attribute(attribute, getAttribute(attribute)));
      } catch (AttributeNotFoundException e) {
        // As the DynamicMBean contract says: attributes that cannot be read are left out.
      }
    }
    return values;
  }

  @Override
  public void setAttribute(Attribute attribute) throws AttributeNotFoundException {
    throw new AttributeNotFoundException("counters are read-only: " + attribute.getName());
  }

  @Override
  public AttributeList setAttributes(AttributeList attributes) {
    return new AttributeList();
  }

  @Override
  public Object invoke(String actionName, Object[] params, String[] signature) throws ReflectionException {
    throw new ReflectionException(new NoSuchMethodException(actionName), "counters have no operations");
  }

  @Override
  public MBeanInfo getMBeanInfo() {
    return INFO;
  }
}
