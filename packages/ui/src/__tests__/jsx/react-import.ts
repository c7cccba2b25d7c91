// The one line a React project adds (here as a side-effect import).
import '@consentry/ui/jsx';
