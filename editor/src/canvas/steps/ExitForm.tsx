/** An exit: contacts leave the journey here. */
export function ExitForm() {
  return <p className="muted">Contacts leave the journey here.</p>;
}
